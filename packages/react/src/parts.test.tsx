import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Address } from './Address.js';
import { Amount } from './Amount.js';
import { AurpayProvider } from './AurpayProvider.js';
import { CopyButton } from './CopyButton.js';
import { Countdown } from './Countdown.js';
import { deMessages } from './locales/index.js';
import { QRCode } from './QRCode.js';
import { Status } from './Status.js';
import { advance } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('<Amount>', () => {
  it('shows every digit of a decimal string in the locale’s style', () => {
    render(
      <AurpayProvider endpoint="/x" locale="de-DE">
        <Amount value="1234567.000000000000000001" currency="ETH" />
        <Amount value="18.5" currency="EUR" fiat />
      </AurpayProvider>,
    );
    expect(screen.getByText('1.234.567,000000000000000001 ETH')).toBeTruthy();
    expect(screen.getByText('18,50 €')).toBeTruthy();
  });

  it('defaults to English outside a provider and forwards refs and attributes', () => {
    const ref = createRef<HTMLSpanElement>();
    render(<Amount ref={ref} value="0.00019044" currency="BTC" id="due" className="big" />);
    expect(ref.current?.textContent).toBe('0.00019044 BTC');
    expect(ref.current?.id).toBe('due');
    expect(ref.current?.className).toBe('aurpay-amount big');
  });
});

describe('<Countdown>', () => {
  it('counts down as a timer, past an hour in h:mm:ss, and marks the end', async () => {
    render(<Countdown to={Date.now() + 3_601_000} />);
    const timer = screen.getByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toBe('Time left 01:00:01');
    expect(timer.querySelector('time')?.getAttribute('dateTime')).toBe('2030-01-01T01:00:01.000Z');
    await advance(2000);
    expect(timer.textContent).toBe('Time left 59:59');
    expect(timer.dataset.state).toBe('running');
    await advance(3_600_000);
    expect(timer.textContent).toBe('Time left 00:00');
    expect(timer.dataset.state).toBe('expired');
  });

  it('accepts ISO times and a label of its own, and stops its clock on unmount', async () => {
    const { unmount } = render(<Countdown to="2030-01-01T00:10:00Z" label="Pay within" />);
    expect(screen.getByRole('timer', { name: 'Pay within' }).textContent).toBe('Pay within 10:00');
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ticks with the other countdowns on the page, on the wall clock’s whole seconds', async () => {
    const deadline = Date.now() + 10_000;
    render(<Countdown to={deadline} label="first" />);
    await advance(600);
    render(<Countdown to={deadline} label="second" />);
    const shown = () => screen.getAllByRole('timer').map((timer) => timer.querySelector('time')?.textContent);
    expect(shown()).toEqual(['00:10', '00:10']);
    await advance(400);
    expect(shown()).toEqual(['00:09', '00:09']);
    await advance(999);
    expect(shown()).toEqual(['00:09', '00:09']);
    await advance(1);
    expect(shown()).toEqual(['00:08', '00:08']);
  });
});

describe('<Status>', () => {
  it('is a polite live region with the phase’s words, in the provider’s language', () => {
    render(
      <AurpayProvider endpoint="/x" messages={deMessages}>
        <Status phase="paid" />
      </AurpayProvider>,
    );
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.dataset.state).toBe('paid');
    expect(status.textContent).toBe('Zahlung erhalten');
  });
});

describe('<CopyButton>', () => {
  it('announces a failed copy', async () => {
    const user = userEvent.setup({ delay: null });
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    render(<CopyButton value="abc" label="Copy code" />);
    const button = screen.getByRole('button', { name: 'Copy code' });
    await user.click(button);
    await advance();
    expect(button.dataset.state).toBe('failed');
    expect(screen.getByRole('status').textContent).toBe('Something went wrong');
  });

  it('lets an onClick that prevents default skip the copy', async () => {
    const user = userEvent.setup({ delay: null });
    const write = vi.spyOn(navigator.clipboard, 'writeText');
    render(<CopyButton value="abc" onClick={(event) => event.preventDefault()} />);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await advance();
    expect(write).not.toHaveBeenCalled();
  });
});

describe('<QRCode> and <Address>', () => {
  it('draws a labelled SVG and forwards its ref', () => {
    const ref = createRef<SVGSVGElement>();
    render(<QRCode ref={ref} value="bitcoin:BC1Q" label="QR code to pay 1 BTC" size={128} />);
    const img = screen.getByRole('img', { name: 'QR code to pay 1 BTC' });
    expect(img).toBe(ref.current);
    expect(img.getAttribute('width')).toBe('128');
    expect(img.querySelectorAll('path').length).toBeGreaterThan(0);
  });

  it('shows an address with its label and an optional copy button', () => {
    const { rerender } = render(<Address value="bc1qxyz" />);
    expect(screen.getByText('Address')).toBeTruthy();
    expect(screen.getByText('bc1qxyz').tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Copy address' })).toBeTruthy();
    rerender(<Address value="bc1qxyz" label="Send to" copyLabel={false} />);
    expect(screen.getByText('Send to')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
