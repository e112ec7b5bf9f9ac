type Props = { children: React.ReactNode; spacing?: "normal" | "wide" };

/** The white panel every page sits in. */
export function Card({ children, spacing = "normal" }: Props) {
  return (
    <section
      className={`mx-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm ${spacing === "wide" ? "space-y-6" : "space-y-4"}`}
    >
      {children}
    </section>
  );
}
