import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from './memoryEventBus.js';
import { storedOrder } from '../test-utils/storedOrder.js';

describe('MemoryEventBus', () => {
  it('hands each published order to every subscriber at once, until it unsubscribes', () => {
    const bus = new MemoryEventBus();
    const first: number[] = [];
    const second: number[] = [];
    const listener = (order: { version: number }) => void first.push(order.version);
    const stopFirst = bus.subscribe(listener);
    const stopAgain = bus.subscribe(listener);
    bus.subscribe((order) => void second.push(order.version));
    bus.publish(storedOrder({ version: 2 }));
    expect(first).toEqual([2, 2]);
    stopFirst();
    stopFirst();
    bus.publish(storedOrder({ version: 3 }));
    expect(first).toEqual([2, 2, 3]);
    expect(second).toEqual([2, 3]);
    stopAgain();
    expect(bus.size).toBe(1);
  });

  it('reaches every subscriber when one throws, then throws what failed', () => {
    const bus = new MemoryEventBus();
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken stream');
    });
    bus.subscribe((order) => void heard.push(order.orderId));
    expect(() => bus.publish(storedOrder())).toThrow(AggregateError);
    expect(heard).toEqual(['20240613093614690315']);
  });
});
