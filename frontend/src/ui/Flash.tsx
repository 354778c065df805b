import { useLocation } from "react-router";

/** Navigation state that carries a short confirmation to the next page ("saved", "deleted"). */
export interface FlashState {
  flash: string;
}

export function flash(message: string): FlashState {
  return { flash: message };
}

/** Shows the confirmation the previous page sent along, announced politely. */
export function FlashNotice() {
  const location = useLocation();
  const message = (location.state as Partial<FlashState> | null)?.flash;
  if (!message) return null;
  return (
    <p className="notice notice-info" role="status">
      {message}
    </p>
  );
}
