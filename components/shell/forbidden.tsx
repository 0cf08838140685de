import { EmptyState } from "@/components/ui/empty-state";

export function Forbidden({ what }: { what: string }) {
  return (
    <EmptyState title="Not available for your role">
      <p>{what} is for other roles. Ask an administrator if you need access.</p>
    </EmptyState>
  );
}
