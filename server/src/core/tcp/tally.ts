// Which statement each error and warning was reported on: the root-cause search (rootCause.ts)
// compares how many problems a stretch of statements has with and without a repair. Only the
// problems are kept, never one number per statement: a clean flow of 10,000 lines keeps nothing.
import type { Severity } from '../diagnostics';
import { firstWhere } from '../search';

export class Tally {
  private readonly errorsAt: number[] = [];
  private readonly problemsAt: number[] = [];
  /** The statement being checked: what is reported now is counted on it. */
  statement = 0;

  get errors(): number {
    return this.errorsAt.length;
  }

  add(severity: Severity): void {
    if (severity === 'error') this.errorsAt.push(this.statement);
    if (severity === 'error' || severity === 'warning') this.problemsAt.push(this.statement);
  }

  /** Errors reported on statements [from, to). */
  errorsIn(from: number, to: number): number {
    return lowerBound(this.errorsAt, to) - lowerBound(this.errorsAt, from);
  }

  /** Errors and warnings reported on statements [from, to). */
  problemsIn(from: number, to: number): number {
    return lowerBound(this.problemsAt, to) - lowerBound(this.problemsAt, from);
  }

  /** Forgets what was reported on statement `index` and after (a replay from a checkpoint). */
  dropFrom(index: number): void {
    this.errorsAt.length = lowerBound(this.errorsAt, index);
    this.problemsAt.length = lowerBound(this.problemsAt, index);
  }
}

/** The first position whose value is at least `v`, in a list sorted in ascending order. */
const lowerBound = (list: readonly number[], v: number): number => firstWhere(list.length, (i) => list[i] >= v);
