/** Request shapes of the payments API that are not domain inputs (lib/domains/payments has those). */
import { z } from "zod";

export const PaymentAction = z.enum(["checkout", "release", "refund", "dispute", "resolve"]);
