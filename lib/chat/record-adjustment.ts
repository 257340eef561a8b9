// Keeps on the model each change of request shape a reply had to make (lib/chat/upstream.ts), so that the next turn
// is sent that way from the start.

import { recordShapeAdjustment } from "../db/model-admin";
import type { CompletionModel } from "../db/models";
import type { ShapeAdjustment } from "./request-shape";

export async function recordAdjustment(model: CompletionModel, adjustment: ShapeAdjustment): Promise<void> {
  // Only the fields the adjustment changed: an admin may have changed the others since the turn began.
  const changes = {
    ...adjustment.changes,
    // A refused effort is refused at every value: conversations lose the choice too.
    ...(adjustment.kind === "reasoning_effort" ? { reasoningEffort: null, allowedReasoningEfforts: [] } : {}),
  };
  try {
    await recordShapeAdjustment(model.id, changes, adjustment.description);
  } catch (error) {
    // The retry goes on: the reply matters more than the record, which the next refusal writes again.
    console.error(`Recording the request shape of model ${model.id} failed`, error);
  }
}
