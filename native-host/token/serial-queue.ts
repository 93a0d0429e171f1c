/**
 * Runs async tasks one at a time, in call order. A PKCS#11 session allows one operation at a
 * time: a second C_SignInit while a C_SignAsync is pending fails with CKR_OPERATION_ACTIVE.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its result. A failed task does not block later ones. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
