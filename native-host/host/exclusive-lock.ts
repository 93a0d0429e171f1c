/**
 * Runs tasks one at a time, in arrival order. A PKCS#11 session allows one operation at a time
 * (CKR_OPERATION_ACTIVE otherwise), so every token operation of the helper goes through one lock.
 */
export class ExclusiveLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
