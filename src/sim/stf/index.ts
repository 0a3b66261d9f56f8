// STF (p4c's simple test framework) parser, runner and P4Info name resolution;
// this file only re-exports.

export * from './ast.js';
export * from './values.js';
export * from './parser.js';
export * from './compare.js';
export * from './target.js';
export * from './runner.js';
export * from './resolve.js';
export * from './file.js';
export * from './p4info-view.js';
export * from './switch-target.js';
