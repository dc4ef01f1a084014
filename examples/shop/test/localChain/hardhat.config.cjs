/* global module */
// The in-process Hardhat network (EDR) the wallet browser test pays on: Ethereum's chain id, so an
// order's chain (1) is the chain the wallet ends up on.
module.exports = { networks: { hardhat: { chainId: 1 } } };
