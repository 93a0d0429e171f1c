/**
 * A list that grows while it is consumed (signArchivedBatch with signWhileChecking: the documents
 * that passed their checks, while the later ones are still being checked). The consumer waits for
 * the next arrival or the end; `onArrive` lets it start work as soon as an item is there.
 */
export class Arrivals {
  private isEnded = false;
  private waiters: Array<() => void> = [];
  /** Called after each arrival (the batch starts the new document if its window has room). */
  onArrive: (() => void) | undefined;

  get ended(): boolean {
    return this.isEnded;
  }

  /** One more item is in the list. */
  arrived(): void {
    this.wake();
    this.onArrive?.();
  }

  /** Nothing more will come. */
  end(): void {
    this.isEnded = true;
    this.wake();
  }

  /** Resolves at the next arrival or at the end (at once when ended). */
  next(): Promise<void> {
    if (this.isEnded) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
