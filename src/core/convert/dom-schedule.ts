// Yielding to the page between slices of work, so that no task holds the main thread long.

/** Schedules `callback` as a new task soon; `cancel` drops everything still pending. */
export interface TaskScheduler {
  post(callback: () => void): void;
  cancel(): void;
}

interface PostTaskScheduler {
  postTask(
    callback: () => void,
    options?: { priority?: string; signal?: AbortSignal },
  ): Promise<unknown>;
}

/**
 * The fastest way the window offers to get a fresh task: `scheduler.postTask` (Chromium; lets
 * input run first), a `MessageChannel` (no 4 ms clamping, unlike nested timers), else `setTimeout`.
 */
export function createTaskScheduler(win: Window & typeof globalThis): TaskScheduler {
  const scheduler = (win as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler !== undefined && typeof scheduler.postTask === 'function') {
    const controller = new AbortController();
    return {
      post(callback) {
        scheduler
          .postTask(callback, { priority: 'user-visible', signal: controller.signal })
          .catch(() => {
            // Aborted by `cancel`, or the callback failed (it catches its own errors).
          });
      },
      cancel() {
        controller.abort();
      },
    };
  }

  if (typeof win.MessageChannel === 'function') {
    const channel = new win.MessageChannel();
    const pending: Array<() => void> = [];
    channel.port1.onmessage = () => {
      const callback = pending.shift();
      if (callback !== undefined) callback();
    };
    return {
      post(callback) {
        pending.push(callback);
        channel.port2.postMessage(null);
      },
      cancel() {
        pending.length = 0;
        channel.port1.close();
        channel.port2.close();
      },
    };
  }

  const timers = new Set<number>();
  return {
    post(callback) {
      const timer = win.setTimeout(() => {
        timers.delete(timer);
        callback();
      }, 0);
      timers.add(timer);
    },
    cancel() {
      for (const timer of timers) win.clearTimeout(timer);
      timers.clear();
    },
  };
}
