// Loaded before every test file (vitest.config.ts): tests validate stacks synchronously, as the library
// does, so every kind is registered up front (the CLI loads only the kinds a stack names).
import '../../src/resources/registry.js';
