import type { HttpRequest, HttpResponse, Transport } from '../services/apiClient';

/**
 * Browsers: fetch, for binary uploads and downloads (the Excel workbook) and a hard timeout.
 * A fetch that rejects — offline, DNS, aborted by the timeout, a body cut off half-way — means
 * "no response", which the API client reports as OFFLINE.
 */
export const transport: Transport = async (request: HttpRequest): Promise<HttpResponse> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const body = request.body === undefined ? undefined : request.body instanceof ArrayBuffer ? request.body : JSON.stringify(request.body);
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: controller.signal,
      credentials: 'same-origin',
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const type = headers['content-type'] ?? '';
    let data: unknown;
    if (request.responseType === 'arraybuffer' && response.ok) data = await response.arrayBuffer();
    else if (type.includes('json')) data = await response.json().catch(() => null);
    else data = await response.text();
    return { status: response.status, data, headers };
  } finally {
    clearTimeout(timer);
  }
};
