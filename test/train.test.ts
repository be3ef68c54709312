// A real training run, small enough for npm test: examples/train-mnist.ts's typed LeNet-5 with
// Adam on the first 12,800 MNIST training images (200 steps of 64), then the whole test set.
// The full epoch is `npm run train` (docs/training.md has its figures).
import { describe, expect, it } from 'vitest';
import { train } from '../examples/train-mnist.js';

describe('LeNet-5 on an MNIST subset', () => {
  it('200 steps of Adam (lr 1e-3, batch 64): the loss falls to under a third, test accuracy ≥ 90 %', { timeout: 120_000 }, () => {
    const { losses, testAccuracy } = train(['--limit', '12800', '--batch-size', '64', '--threads', '2']);
    expect(losses).toHaveLength(200);
    const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    const first = mean(losses.slice(0, 10));
    const last = mean(losses.slice(-20));
    // the first batches sit near ln(10) ≈ 2.30, a model that guesses
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(first / 3);
    expect(testAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
