/**
 * Prices from the provider when it says so: each model's `base_price_usd` (per second, without
 * sound) read at start and daily. A price the operator configured wins; where the two disagree
 * it is logged once, so a stale setting is noticed without a log line every day.
 */
import type { Logger } from 'pino';
import type { ModelDefinition } from '../model/modelDefinition.js';
import type { Prices } from '../model/pricing.js';

export interface ModelPriceSource {
  modelPrice(modelPath: string): Promise<{ baseUsd: number } | undefined>;
}

/**
 * The provider's base price as the definition's two rates: sound costs what the definition says
 * it costs relative to silence (1.5× for Standard and Pro, the same for 4K's flat rate).
 */
export function pricesFromBase(model: Pick<ModelDefinition, 'prices'>, baseUsd: number): Prices {
  const ratio = model.prices.perSecond > 0 ? model.prices.perSecondWithSound / model.prices.perSecond : 1;
  return { perSecond: baseUsd, perSecondWithSound: Math.round(baseUsd * ratio * 10_000) / 10_000 };
}

export interface ProviderPricesOptions {
  source: ModelPriceSource;
  models: readonly ModelDefinition[];
  /** Ids of the models whose price the operator set: those keep it. */
  configured: ReadonlySet<string>;
  /** The prices in force now, by model id. */
  current: (modelId: string) => Prices;
  /** Where a provider's price goes for a model the operator did not price. */
  apply: (modelId: string, prices: Prices) => void;
  logger: Logger;
}

export class ProviderPrices {
  /** `modelId:price` pairs already logged as a mismatch. */
  private readonly told = new Set<string>();

  constructor(private readonly options: ProviderPricesOptions) {}

  /** Reads every model's price; a model the provider does not price keeps the one in force. */
  async refresh(): Promise<void> {
    const { source, models, configured, current, apply, logger } = this.options;
    for (const model of models) {
      let answer: { baseUsd: number } | undefined;
      try {
        answer = await source.modelPrice(model.path);
      } catch (error) {
        logger.info({ err: error, modelId: model.id }, 'the provider did not say this model’s price; keeping the one in force');
        continue;
      }
      if (answer === undefined) continue;
      const read = pricesFromBase(model, answer.baseUsd);
      if (!configured.has(model.id)) {
        apply(model.id, read);
        continue;
      }
      const kept = current(model.id);
      const key = `${model.id}:${answer.baseUsd}`;
      if (Math.abs(kept.perSecond - answer.baseUsd) > 1e-9 && !this.told.has(key)) {
        this.told.add(key);
        logger.warn(
          { modelId: model.id, configuredUsd: kept.perSecond, providerUsd: answer.baseUsd },
          'the configured price per second differs from the provider’s; the configured one is used',
        );
      }
    }
  }
}
