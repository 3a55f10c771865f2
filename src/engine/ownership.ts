// The ownership tags are the kinds' vocabulary (src/resources/ownership.ts); re-exported for the public API.
export { STACK_TAG, RESOURCE_TAG } from '../resources/ownership.js';
