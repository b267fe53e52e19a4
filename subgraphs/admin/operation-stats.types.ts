import { Field, Float, Int, ObjectType } from "type-graphql";

/** How one operation sent by one client fared over a window. */
@ObjectType({ description: "How one operation sent by one client fared over the window asked for." })
export class OperationStat {
  @Field({ description: "The operation's name; empty for an anonymous operation." })
  operationName: string;

  @Field({ description: "The apollographql-client-name header; empty when none was sent." })
  clientName: string;

  @Field({ description: "The apollographql-client-version header; empty when none was sent." })
  clientVersion: string;

  @Field(() => Int)
  count: number;

  @Field(() => Int, { description: "Executions that returned at least one error." })
  errorCount: number;

  @Field(() => Float, { description: "Median execution time at the gateway, in milliseconds." })
  p50Ms: number;

  @Field(() => Float)
  p90Ms: number;

  @Field(() => Float)
  p95Ms: number;

  @Field(() => Float)
  p99Ms: number;
}
