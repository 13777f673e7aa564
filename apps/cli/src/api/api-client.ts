import { type CliConfig, type ServiceName, URL_VARIABLES } from './cli-config.js';

const REQUEST_TIMEOUT_MS = 30_000;

/** An answer outside 2xx, worded as the services word it: `400 validation_failed: cron ...`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a signed webhook must arrive byte for byte). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send the API key (default); the public webhook endpoint takes none. */
  auth?: boolean;
}

/** The one HTTP client of every command: the API key, the service URLs and one way to fail. */
export class ApiClient {
  constructor(private readonly config: CliConfig) {}

  url(service: ServiceName): string {
    return this.config.urls[service];
  }

  get<T>(service: ServiceName, path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>(service, 'GET', path, { query });
  }

  post<T>(service: ServiceName, path: string, body?: unknown): Promise<T> {
    return this.request<T>(service, 'POST', path, { body });
  }

  put<T>(service: ServiceName, path: string, body: unknown): Promise<T> {
    return this.request<T>(service, 'PUT', path, { body });
  }

  async request<T>(
    service: ServiceName,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const url = new URL(`${this.url(service)}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) headers.authorization = `Bearer ${this.config.apiKey()}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(
        `cannot reach ${service} at ${this.url(service)} (${reasonOf(error)}): is \`npm start\` running? ` +
          `(or set ${URL_VARIABLES[service]})`,
      );
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? text);
    }
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer in ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
