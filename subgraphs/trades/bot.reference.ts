import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The bots subgraph's `Bot`, extended here with its trades. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Bot {
  @Field(() => ID)
  id: string;

  /** A reference the gateway resolves in the bots subgraph. */
  static reference(id: string): Bot {
    return Object.assign(new Bot(), { id });
  }
}
