import { arity } from "../common.js";
import { atomListOutput } from "./_format.js";
import { PBE_CIPHERS } from "./_pbe.js";
import type { Command } from "../../types.js";

export const list_ciphers: Command<string[]> = {
  name: "list_ciphers",
  section: "monitoring",
  description: "Lists the ciphers encode and decode can use",
  usage: "list_ciphers",
  docGuides: ["https://rabbitmq.com/configure.html", "https://rabbitmq.com/ssl.html"],
  formatter: "erlang",
  notes: "A local list of what warrenctl's encode/decode implement with node:crypto: rabbitmqctl also lists blowfish_*, des_cfb, des_cbc, rc4 and rc2_cbc, which OpenSSL 3 only offers through its legacy provider.",
  validate: (args) => arity(args, 0),
  banner: () => "Listing supported ciphers ...",
  run: async () => PBE_CIPHERS.map(([name]) => name),
  output: (names, opts) => atomListOutput(names, opts),
};
