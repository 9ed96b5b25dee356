import * as tf from '@tensorflow/tfjs';
import type { ResidualSpec } from '../../domain/model';
import { batchNormOp, need, type LayerContext } from './ops';

/** A bias-free stride-1 conv of the block: `{prefix}/kernel` [k, k, Cin, Cout]. */
function blockConv(x: tf.Tensor, prefix: string, c: LayerContext): tf.Tensor4D {
  return tf.conv2d(x as tf.Tensor4D, need(c.params, `${prefix}/kernel`) as tf.Tensor4D, 1, 'same');
}

/**
 * A basic residual block (He et al. 2016; Li et al. 2018's `BasicBlock`, stride 1):
 * relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), the shortcut being x (`identity`),
 * skip_bn(skip(x)) (`projection`, a 1×1 conv) or absent (`none`).
 *
 * @param x - [N, H, W, Cin]; @returns [N, H, W, filters].
 */
export function residualForward(
  x: tf.Tensor,
  i: number,
  layer: ResidualSpec,
  c: LayerContext,
): tf.Tensor {
  const p = `layer${i}`;
  const bn = { eps: layer.eps, momentum: layer.momentum };
  const h = tf.relu(batchNormOp(blockConv(x, `${p}/conv1`, c), `${p}/bn1`, bn, c));
  const main = batchNormOp(blockConv(h, `${p}/conv2`, c), `${p}/bn2`, bn, c);
  if (layer.skip === 'none') return tf.relu(main);
  const short =
    layer.skip === 'identity'
      ? x
      : batchNormOp(blockConv(x, `${p}/skip`, c), `${p}/skip_bn`, bn, c);
  return tf.relu(tf.add(main, short));
}
