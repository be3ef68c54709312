// The functional twins chained by hand: conv2d, relu, maxPool2d, then a residual add and a cat.
import { add, cat, conv2d, maxPool2d, randn, relu } from 'shapecheck';

const image = randn([2, 3, 32, 32], { seed: 1 });
const weight = randn([16, 3, 3, 3], { seed: 2 });
const features = conv2d(image, weight, null, { stride: 2, padding: 1 });
export const pooled = maxPool2d(relu(features), { kernelSize: 3, stride: 2, padding: 1 });
export const residual = add(pooled, randn([1, 16, 1, 1], { seed: 3 }));
export const joined = cat([pooled, residual], 1);
