import { arity, tagList } from "../common.js";
import type { Command, Row } from "../../types.js";

interface User { name: string; tags: unknown }

export const list_users: Command<User[]> = {
  name: "list_users",
  section: "users",
  description: "Lists users and their tags",
  usage: "list_users [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/access-control.html"],
  formatter: "table",
  validate: (args) => arity(args, 0),
  banner: () => "Listing users ...",
  run: (_args, _opts, ctx) => ctx.api.get<User[]>("/api/users"),
  // rabbitmqctl gets the users as one list, not a stream: an empty result prints an empty line, json []
  output: (users) => ({
    kind: "rows",
    columns: ["user", "tags"],
    rows: users.map((u): Row => [u.name, tagList(u.tags)]),
    stream: false,
  }),
};
