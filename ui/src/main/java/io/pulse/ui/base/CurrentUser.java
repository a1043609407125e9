package io.pulse.ui.base;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Who is looking, as far as views need to know: which dealer cabinets and brand dashboards this
 * session may open and whose alerts it may handle. Every view asks before it shows or does
 * anything; the UI reads the backend with one service account, so these checks are what keeps a
 * dealer manager to their dealers and an executive to their brand.
 */
public interface CurrentUser {

  /** The signed-in user's name; empty when nobody is signed in. */
  Optional<String> name();

  /**
   * Whether this session may open the cabinet of dealer {@code dealerId} of brand {@code brandId}.
   */
  boolean mayOpenDealer(String dealerId, String brandId);

  /** Whether this session may open the dashboards of brand {@code brandId}. */
  boolean mayOpenBrand(String brandId);

  /** Whether this session may acknowledge and resolve the alerts of dealer {@code dealerId}. */
  boolean mayHandleDealer(String dealerId);

  /** Whether brand dashboards are for this session at all (executives and admins). */
  boolean mayOpenAnyBrand();

  /**
   * Whether comments are shown with the telephone numbers and e-mail addresses customers wrote into
   * them: admins only. The UI reads the backend as its service account, which sees them, so every
   * view that shows a comment masks it for everyone else.
   */
  boolean seesPersonalData();

  /** The dealers a dealer manager manages, sorted; empty for other roles. */
  SortedSet<String> ownDealers();

  /** Signs out and goes to the login view. */
  void signOut();
}
