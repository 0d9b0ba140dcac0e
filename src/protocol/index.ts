// The protocol layer's public surface: pure codec code shared by the broker and tests.
export * from "./errors.js";
export * from "./field-table.js";
export * from "./frame.js";
export * from "./frame-splitter.js";
export * from "./methods.generated.js";
export * from "./properties.js";
export * from "./reader.js";
export * from "./writer.js";
