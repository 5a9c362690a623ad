/** The brand mark (客, for 客服); decorative, so hidden from assistive technology. */
export function Logo() {
  return (
    <span class="logo" aria-hidden="true">
      客
    </span>
  );
}
