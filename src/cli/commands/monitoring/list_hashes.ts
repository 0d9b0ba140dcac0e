import { arity } from "../common.js";
import { atomListOutput } from "./_format.js";
import { PBE_HASHES } from "./_pbe.js";
import type { Command } from "../../types.js";

export const list_hashes: Command<string[]> = {
  name: "list_hashes",
  section: "monitoring",
  description: "Lists the hash functions encode and decode can use",
  usage: "list_hashes",
  docGuides: ["https://rabbitmq.com/configure.html", "https://rabbitmq.com/ssl.html"],
  formatter: "erlang",
  notes: "A local list of what warrenctl's encode/decode implement with node:crypto: rabbitmqctl also lists md4, which OpenSSL 3 only offers through its legacy provider.",
  validate: (args) => arity(args, 0),
  banner: () => "Listing supported hash algorithms ...",
  run: async () => PBE_HASHES.map(([name]) => name),
  output: (names, opts) => atomListOutput(names, opts),
};
