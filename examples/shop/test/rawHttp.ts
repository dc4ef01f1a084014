import { connect } from 'node:net';

/** One answer read off the wire; `status` null when the server closed without one. */
export interface RawAnswer {
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` (bytes exactly as given: any path, header or body, however malformed) to
 * 127.0.0.1:`port` and reads the first answer: up to its `Content-Length`, the first chunk of an
 * event stream, or the close. `halfClose` ends the sending side after writing (a client that
 * promised more body than it sent). Rejects when nothing has come after `timeoutMs`.
 *
 * @example await rawRequest(port, Buffer.from('GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))
 */
export function rawRequest(port: number, request: Buffer, { halfClose = false, timeoutMs = 15_000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      resolve(parse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(() => finish(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    // The server may answer (and close) before reading a large body: a reset then is an answer, not a failure.
    socket.write(request, () => halfClose && socket.end());
  });
}

function complete(received: Buffer): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = received.subarray(0, end).toString('latin1');
  if (/^content-type:\s*text\/event-stream/im.test(head)) return true;
  if (/^HTTP\/1\.1 (1\d\d|204|304)/.test(head)) return true;
  const length = /^content-length:\s*(\d+)/im.exec(head);
  return length !== null && received.length - end - 4 >= Number(length[1]);
}

function parse(received: Buffer): RawAnswer {
  const end = received.indexOf('\r\n\r\n');
  const head = received.subarray(0, end < 0 ? received.length : end).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: status ? Number(status[1]) : null, headers, body: end < 0 ? '' : received.subarray(end + 4).toString('utf8') };
}
