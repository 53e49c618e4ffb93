/**
 * The fitting rules as schema upgrades load them, only when one runs. A module of its own, so that
 * the bundler can split it off although import and feed code use the rules directly.
 */
export { fitTask, recordFitters } from '../core/fit-records';
