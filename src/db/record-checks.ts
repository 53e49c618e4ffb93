/**
 * The record schemas as the write guard loads them, after the board has shown. A module of its
 * own, so that the bundler can split it off although backup code imports the schemas directly.
 */
export { recordProblem } from '../core/records';
