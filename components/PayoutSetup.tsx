/**
 * "Getting paid" on the earnings page: the musician's payout accounts per live provider, with the
 * next step for each (start or finish Stripe onboarding, enter a Razorpay linked account), or why
 * there is nothing to set up when this server pays out through the built-in test provider.
 */
import type { JSX } from "preact";
import type { PayoutAccount, PayoutSetup } from "../lib/domains/payments/mod.ts";
import { Button } from "./Button.tsx";
import { CsrfField } from "./Field.tsx";

export interface PayoutSetupProps {
  setup: PayoutSetup;
  csrf: string;
  /** Stripe's one-time onboarding page, once the musician asked for it. */
  stripeUrl?: string;
  /** Back from Stripe's onboarding (its return link): the status follows Stripe's webhook. */
  backFromStripe: boolean;
  errors?: Record<string, string>;
}

const STATUS: Record<PayoutAccount["status"], { text: string; tone: string }> = {
  enabled: { text: "Payouts enabled", tone: "bg-green-50 text-green-800 border-green-200" },
  pending: {
    text: "Setup not finished: the provider needs more details",
    tone: "bg-amber-50 text-amber-900 border-amber-200",
  },
  restricted: {
    text: "Payouts paused by the provider: update your details",
    tone: "bg-red-50 text-red-800 border-red-200",
  },
};

function Status({ account }: { account: PayoutAccount }): JSX.Element {
  const s = STATUS[account.status];
  return (
    <p class={`rounded-md border px-3 py-2 text-sm ${s.tone}`} data-testid="payout-status">
      {s.text} <span class="text-xs opacity-80">({account.account_id})</span>
    </p>
  );
}

function StripeSetup(props: PayoutSetupProps): JSX.Element {
  const account = props.setup.accounts.find((a) => a.provider === "stripe");
  return (
    <div class="space-y-2">
      <h3 class="font-medium">Stripe</h3>
      {account && <Status account={account} />}
      {props.backFromStripe && account?.status !== "enabled" && (
        <p class="text-sm text-gray-700" role="status">
          Thanks: Stripe is checking your details. This page shows the result as soon as Stripe
          tells us, usually within a minute.
        </p>
      )}
      {props.stripeUrl
        ? (
          <a
            href={props.stripeUrl}
            class="inline-flex rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
          >
            Continue to Stripe
          </a>
        )
        : account?.status !== "enabled" && (
          <form method="post">
            <CsrfField token={props.csrf} />
            <Button name="intent" value="stripe">
              {account ? "Finish setting up payouts" : "Set up payouts with Stripe"}
            </Button>
          </form>
        )}
    </div>
  );
}

function RazorpaySetup(props: PayoutSetupProps): JSX.Element {
  const account = props.setup.accounts.find((a) => a.provider === "razorpay");
  const error = props.errors?.account_id;
  return (
    <div class="space-y-2">
      <h3 class="font-medium">Razorpay Route (payments in rupees)</h3>
      {account && <Status account={account} />}
      <form method="post" class="flex flex-wrap items-end gap-2">
        <CsrfField token={props.csrf} />
        <label class="block text-sm">
          <span class="block font-medium">Linked account id</span>
          <input
            name="account_id"
            required
            pattern="acc_[A-Za-z0-9]{14}"
            placeholder="acc_XXXXXXXXXXXXXX"
            defaultValue={account?.account_id}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "account_id-error" : undefined}
            class="mt-1 rounded-md border border-gray-300 px-3 py-2"
          />
        </label>
        <Button name="intent" value="razorpay" variant="secondary">Save</Button>
        {error && <p id="account_id-error" class="w-full text-sm text-red-700">{error}</p>}
        {account && (
          <p class="w-full text-sm text-gray-600">
            Changing it shows first what happens to payouts not sent yet; nothing changes until you
            confirm.
          </p>
        )}
      </form>
    </div>
  );
}

export function PayoutSetupPanel(props: PayoutSetupProps): JSX.Element {
  const { providers } = props.setup;
  return (
    <section
      aria-labelledby="payout-setup-title"
      class="space-y-4 rounded-lg border border-gray-200 bg-white p-4"
      data-testid="payout-setup"
    >
      <h2 id="payout-setup-title" class="text-lg font-semibold">Getting paid</h2>
      {providers.length === 0
        ? (
          <p class="text-sm text-gray-700">
            This server pays out through Soundcheck's built-in test provider, so there is nothing to
            set up: released money shows as paid here. On a live server you connect Stripe or
            Razorpay on this page.
          </p>
        )
        : (
          <>
            {providers.includes("stripe") && <StripeSetup {...props} />}
            {providers.includes("razorpay") && <RazorpaySetup {...props} />}
          </>
        )}
    </section>
  );
}
