// A model with its provider as one JSON value built by PostgreSQL, in the shape of getModelForCompletion (models.ts),
// for raw statements that read a model beside other things in one round trip. Built from the same field lists, so
// the shapes cannot drift apart; the names are constants of this code, never input.
import { Prisma } from "./client";
import { modelParameterFields, providerConnectionFields } from "./models";

function jsonFields(alias: string, fields: object): Prisma.Sql {
  return Prisma.raw(
    Object.keys(fields)
      .map((field) => `'${field}', ${alias}."${field}"`)
      .join(", "),
  );
}

const modelFields = jsonFields("m", modelParameterFields);
const providerFields = jsonFields("p", providerConnectionFields);

/** The JSON of the model `m` and its provider `p`; null when no model was found. */
export const completionModelJson = Prisma.sql`CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(${modelFields},
  'provider', json_build_object(${providerFields})) END`;
