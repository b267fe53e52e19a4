import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

/** pass / warn / fail. */
export enum HealthStatus {
  PASS = "PASS",
  WARN = "WARN",
  FAIL = "FAIL",
}
registerEnumType(HealthStatus, { name: "HealthStatus" });

/** One measurement of one component. */
@ObjectType()
export class HealthCheckResult {
  @Field({ description: "component:measurement, e.g. database:responseTime." })
  name: string;

  @Field(() => String, { nullable: true, description: "Which instance, e.g. the subgraph whose database this is." })
  componentId?: string;

  @Field()
  componentType: string;

  @Field(() => HealthStatus)
  status: HealthStatus;

  @Field(() => Float, { nullable: true })
  observedValue?: number;

  @Field(() => String, { nullable: true })
  observedUnit?: string;

  @Field(() => String, { nullable: true, description: "What went wrong, when something did." })
  output?: string;

  @Field(() => Date)
  time: Date;
}

/** The health of the whole system, as the admin subgraph sees it. */
@ObjectType()
export class HealthReport {
  @Field(() => HealthStatus)
  status: HealthStatus;

  @Field()
  version: string;

  @Field(() => Int)
  uptimeSeconds: number;

  @Field(() => [HealthCheckResult])
  checks: HealthCheckResult[];
}
