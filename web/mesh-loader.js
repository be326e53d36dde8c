// Viewers share segments: the entry point pages import. The parts live in web/mesh/:
//   swarm.js           the swarm membership (signaling socket, neighbours, cache, reports)
//   neighbour.js       one neighbour's data channel
//   wire.js            the data channel protocol and its limits (pure)
//   hashes.js          segment hashes from the node (fetchHashes) and SHA-256 with or without crypto.subtle
//   budget.js          how long a fragment may wait for peers (pure)
//   fragment-loader.js the hls.js fragment loader
export { Mesh } from './mesh/swarm.js';
export { meshFragmentLoader, segmentKey } from './mesh/fragment-loader.js';
