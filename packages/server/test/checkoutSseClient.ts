/** A minimal server-sent events reader over fetch, for tests. */
export interface SseEvent {
  id: string | null;
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface SseConnection {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  comments: string[];
  retry: number | null;
  /** Resolves when the server ends the stream (or the connection is aborted). */
  done: Promise<'ended' | 'aborted'>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const connection: SseConnection = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events: [],
    comments: [],
    retry: null,
    done: Promise.resolve('ended'),
    close: () => controller.abort(),
  };
  const parse = (block: string): void => {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) connection.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('retry: ')) connection.retry = Number(line.slice(7));
    }
    if (data.length > 0) connection.events.push({ id, event, data: JSON.parse(data.join('\n')) });
  };
  connection.done = (async () => {
    if (res.body === null) return 'ended';
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let at = buffer.indexOf('\n\n'); at !== -1; at = buffer.indexOf('\n\n')) {
          parse(buffer.slice(0, at));
          buffer = buffer.slice(at + 2);
        }
      }
      return 'ended';
    } catch {
      return 'aborted';
    }
  })();
  return connection;
}
