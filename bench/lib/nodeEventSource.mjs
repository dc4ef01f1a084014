// A minimal EventSource over node:http (Node 20 has none), enough for core's OrderSubscription and
// for the fan-in subscribers: text/event-stream parsing per the HTML standard (event, data, id;
// comments and retry ignored), `addEventListener`, `close`. It does not reconnect: the subscription
// closes the stream on its first error and polls instead, so a reconnect would never be used.
import { Agent, get } from 'node:http';
import { URL } from 'node:url';

// Streams are long-lived: no pooling limits, and no keep-alive reuse of a stream's socket.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export class NodeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;

  readyState = NodeEventSource.CONNECTING;
  #listeners = new Map();
  #request;
  #lastEventId = '';

  /** `localAddress`: a loopback address of 127.0.0.0/8 to connect from, so one process stands in for many clients. */
  /** @param {string} url @param {{ localAddress?: string }} [options] */
  constructor(url, { localAddress } = {}) {
    this.url = url;
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1') throw new Error(`the bench streams from 127.0.0.1 only, not ${target.hostname}`);
    if (localAddress !== undefined && !localAddress.startsWith('127.'))
      throw new Error(`the bench connects from loopback only, not ${localAddress}`);
    this.#request = get(target, { agent, localAddress, headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-store' } }, (res) => {
      const type = res.headers['content-type'] ?? '';
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        this.status = res.statusCode;
        res.resume();
        this.#fail();
        return;
      }
      this.readyState = NodeEventSource.OPEN;
      this.#dispatch('open', {});
      this.#read(res);
    });
    this.#request.on('error', () => this.#fail());
  }

  addEventListener(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
  }

  removeEventListener(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  close() {
    if (this.readyState === NodeEventSource.CLOSED) return;
    this.readyState = NodeEventSource.CLOSED;
    this.#request.destroy();
  }

  #read(res) {
    res.setEncoding('utf8');
    let buffer = '';
    let event = '';
    let data = [];
    res.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) {
            this.#dispatch(event || 'message', { data: data.join('\n'), lastEventId: this.#lastEventId });
          }
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
      }
    });
    res.on('end', () => this.#fail());
    res.on('error', () => this.#fail());
  }

  #fail() {
    if (this.readyState === NodeEventSource.CLOSED) return;
    this.readyState = NodeEventSource.CLOSED;
    this.#request.destroy();
    this.#dispatch('error', {});
  }

  #dispatch(type, init) {
    const listeners = this.#listeners.get(type);
    if (!listeners) return;
    const event = { type, target: this, ...init };
    for (const listener of [...listeners]) listener(event);
  }
}
