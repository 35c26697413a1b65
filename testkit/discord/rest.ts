import type { UploadedFile } from './multipart.js';

export interface RestRequest {
  method: string;
  /** Without `/api/v10`, still percent-encoded as sent. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  json: unknown;
  files: UploadedFile[];
  /** The `Authorization` header, for routes that take a user's Bearer token (OAuth2) rather than the bot's. */
  authorization?: string;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/channels/:channelId/messages`; parameters are percent-decoded (`%40original` → `@original`). */
  pattern: string;
  /**
   * Whether `Authorization: Bot <token>` is required. Interaction callbacks and webhook routes are
   * authenticated by the token in their path instead; discord.js sends them with `auth: false`.
   */
  auth: boolean;
  handle(request: RestRequest): RestResponse | Promise<RestResponse>;
}

export const ok = (body: unknown): RestResponse => ({ status: 200, body });
export const noContent = (): RestResponse => ({ status: 204 });

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

/** Matches a method and path to a route; the first pattern that fits wins. */
export class Router {
  readonly #routes: CompiledRoute[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      this.#routes.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const { route, regex, names } of this.#routes) {
      if (route.method !== method) continue;
      const found = regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}
