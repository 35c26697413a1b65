import { DiscordHttpError } from './errors.js';

export interface UploadedFile {
  /** The form field, e.g. `files[0]`; the index ties it to `attachments[].id`. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** An uploaded file as tests inspect it. */
export interface RecordedFile extends UploadedFile {
  size: number;
}

export function toRecordedFiles(files: UploadedFile[]): RecordedFile[] {
  return files.map((file) => ({ ...file, size: file.bytes.length }));
}

export interface ParsedBody {
  /** The JSON body, or `payload_json` of a multipart body; undefined when there is none. */
  json: unknown;
  files: UploadedFile[];
}

const invalidJson = () => new DiscordHttpError(400, { code: 50109, message: 'The request body contains invalid JSON.' });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}

/**
 * Reads a REST body the way Discord does: JSON, or multipart/form-data with `payload_json` and
 * `files[n]` parts (what `@discordjs/rest` sends whenever a request carries files). Node's own
 * `Request#formData()` does the multipart parsing, so no extra package is needed.
 */
export async function parseRequestBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  // OAuth2's token endpoint takes a form, as RFC 6749 §4.1.3 says (routes/oauth2.ts).
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return { json: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake-discord.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    let json: unknown;
    const looseFields: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = parseJson(value);
        else looseFields[field] = value;
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
    // Some routes (stickers) send plain form fields instead of payload_json.
    if (json === undefined && Object.keys(looseFields).length > 0) json = looseFields;
    return { json, files };
  }
  return { json: parseJson(raw.toString('utf8')), files: [] };
}
