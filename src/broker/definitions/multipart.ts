// multipart/form-data (RFC 7578), enough for the management UI's definitions upload: the parts by field name.

/** The boundary parameter of a multipart content type, quoted or not. */
function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The form field a part carries, from its Content-Disposition header. */
function fieldName(headers: string): string | undefined {
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== "content-disposition") continue;
    const m = /;\s*name=(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(line.slice(colon + 1));
    return m?.[1]?.replace(/\\(.)/g, "$1") ?? m?.[2];
  }
  return undefined;
}

/** Each field's content by name (the first part of a name wins), or undefined when the body is not well-formed. */
export function parseMultipart(contentType: string, body: Buffer): Map<string, Buffer> | undefined {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, Buffer>();
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString("latin1") === "--") return fields;
    if (body.subarray(at, at + 2).toString("latin1") !== "\r\n") return undefined;
    const headersEnd = body.indexOf("\r\n\r\n", at);
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), at);
    if (headersEnd < 0 || next < 0 || headersEnd > next) return undefined;
    const name = fieldName(body.subarray(at + 2, headersEnd).toString("utf8"));
    if (name === undefined) return undefined;
    if (!fields.has(name)) fields.set(name, body.subarray(headersEnd + 4, next));
    at = next + 2;
  }
}
