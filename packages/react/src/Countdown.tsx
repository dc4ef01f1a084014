import type { HTMLAttributes } from 'react';
import { forwardRef, useSyncExternalStore } from 'react';
import { cx, useTexts } from './context.js';
import { formatDuration } from './format.js';

// Each countdown keeps its own clock, set to the next whole second of the wall clock: countdowns
// on one page tick together, with no state shared between them.
function onTick(listener: () => void): () => void {
  const untilNextSecond = () => 1000 - (Date.now() % 1000);
  let timer = setTimeout(function tick() {
    listener();
    timer = setTimeout(tick, untilNextSecond());
  }, untilNextSecond());
  return () => clearTimeout(timer);
}

const now = () => Math.floor(Date.now() / 1000) * 1000;
// The server and the hydrating render know no time, so both render the same placeholder.
const serverNow = () => null;

export interface CountdownProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The deadline: an ISO-8601 time or milliseconds since the epoch. */
  to: string | number;
  /** The visible label. Default: the "time left" message. */
  label?: string;
}

// The one warning a buyer gets before the deadline, this long before it.
const WARN_SECONDS = 300;

/**
 * Minutes and seconds left until `to`, as a timer (`role="timer"`, which screen readers do not
 * announce every second). Five minutes before the deadline a polite live region says so, once.
 * `data-state` is `running`, `ending` (the last five minutes) or `expired`.
 *
 * @example <Countdown to={order.expiresAt} />
 */
export const Countdown = forwardRef<HTMLDivElement, CountdownProps>(function Countdown({ to, label, className, ...rest }, ref) {
  const { messages, locale } = useTexts();
  const time = useSyncExternalStore<number | null>(onTick, now, serverNow);
  const deadline = typeof to === 'number' ? to : Date.parse(to);
  const left = time === null ? null : Math.max(0, Math.ceil((deadline - time) / 1000));
  const text = label ?? messages.timeLeft;
  const ending = left !== null && left > 0 && left <= WARN_SECONDS;
  return (
    <>
      <div
        role="timer"
        aria-label={text}
        data-state={left === 0 ? 'expired' : ending ? 'ending' : 'running'}
        {...rest}
        ref={ref}
        className={cx('aurpay-countdown', className)}
      >
        <span aria-hidden="true">{text}</span>{' '}
        <time dateTime={Number.isNaN(deadline) ? undefined : new Date(deadline).toISOString()}>
          {left === null ? '--:--' : formatDuration(left, locale)}
        </time>
      </div>
      <span role="status" className="aurpay-sr">
        {ending ? messages.expiringSoon : ''}
      </span>
    </>
  );
});
Countdown.displayName = 'Countdown';
