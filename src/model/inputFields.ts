/**
 * A model's input fields as JSON Schema, read once from its zod schema: what the slash options
 * and the forms are both derived from.
 */
import { z } from 'zod';

/** The part of a field's JSON Schema the derived surfaces read. */
export interface InputFieldSchema {
  type?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
}

export interface InputFieldsSchema {
  properties?: Record<string, InputFieldSchema>;
  required?: string[];
}

/** The input side (defaults not yet applied), as a member fills it in. */
export function inputFieldsOf(schema: z.ZodType): InputFieldsSchema {
  return z.toJSONSchema(schema, { io: 'input' }) as InputFieldsSchema;
}
