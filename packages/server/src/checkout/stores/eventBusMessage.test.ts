import { describe, expect, it } from 'vitest';
import { storedOrder } from '../test-utils/storedOrder.js';
import { parseEventBusMessage } from './eventBusMessage.js';

describe('parseEventBusMessage', () => {
  it('reads an order, or the id and version of one too large to carry', () => {
    const order = storedOrder();
    expect(parseEventBusMessage(JSON.stringify({ from: 'bus-1', order }))).toEqual({ from: 'bus-1', order });
    expect(parseEventBusMessage('{"from":"bus-1","orderId":"42","version":3}')).toEqual({ from: 'bus-1', orderId: '42', version: 3 });
  });

  it('is null for anything else', () => {
    for (const text of [
      '',
      'not json',
      'null',
      '[]',
      '{"order":{}}',
      '{"from":"b","order":{"orderId":"1"}}',
      '{"from":"b","orderId":42,"version":1}',
      '{"from":7,"orderId":"1","version":1}',
    ]) {
      expect(parseEventBusMessage(text)).toBeNull();
    }
  });
});
