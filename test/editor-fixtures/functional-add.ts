// A residual sum whose branches disagree in the channel dim (16 against 8): one error, at `b`.
import { add, conv2d, randn } from 'shapecheck';

export function build() {
  const x = randn([2, 16, 8, 8], { seed: 1 });
  const branch = conv2d(x, randn([8, 16, 1, 1], { seed: 2 }), null);
  return add(
    x,
    branch, // <- wrong
  );
}
