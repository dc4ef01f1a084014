import type { EventSink } from '../checkout/index.js';

/** An `EventSink` whose events become a streamed `Response` body. */
export interface StreamedEventSink {
  sink: EventSink;
  /** The streamed answer once the sink was opened; null when it never was (an error came first, or the client left). */
  response(): Response | null;
  /** Lets go of the stream unopened or unsent (the route answered an error instead), as if the client left. */
  abandon(): void;
}

// Connection management is the server's: HTTP/2 forbids the header, and runtimes refuse or drop it.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/**
 * An `EventSink` writing server-sent events into a `ReadableStream`. The client going away,
 * whether the request's `signal` aborts or the runtime cancels the body, calls the sink's close
 * listeners once, so the stream's slot, heartbeat and watcher subscription are released; after the
 * stream ended on its own, neither is listened to any more.
 *
 * @example const { sink, response } = streamedEventSink(request.signal);
 */
export function streamedEventSink(signal: AbortSignal): StreamedEventSink {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let headers: Record<string, string> | null = null;
  let done = false;
  let gone = false;
  const listeners: (() => void)[] = [];

  const stopListening = (): void => {
    done = true;
    signal.removeEventListener('abort', leave);
    listeners.length = 0;
  };
  function leave(): void {
    if (done) return;
    gone = true;
    const waiting = [...listeners];
    stopListening();
    for (const listener of waiting) listener();
  }

  const body = new ReadableStream<Uint8Array>({
    start: (streamController) => {
      controller = streamController;
    },
    cancel: leave,
  });
  if (signal.aborted) leave();
  else signal.addEventListener('abort', leave, { once: true });

  const sink: EventSink = {
    open(opened) {
      headers = Object.fromEntries(Object.entries(opened).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
    },
    write(chunk) {
      if (done) return;
      try {
        controller?.enqueue(encoder.encode(chunk));
      } catch {
        leave();
      }
    },
    end() {
      if (done) return;
      stopListening();
      try {
        controller?.close();
      } catch {
        // Cancelled in the meantime: nothing left to close.
      }
    },
    onClose(listener) {
      if (gone) listener();
      else if (!done) listeners.push(listener);
    },
  };
  return {
    sink,
    response: () => (headers === null || gone ? null : new Response(body, { status: 200, headers })),
    abandon: leave,
  };
}
