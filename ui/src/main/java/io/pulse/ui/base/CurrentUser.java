package io.pulse.ui.base;

import io.pulse.ui.backend.BackendCredential;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Who is looking, as far as views need to know: the credential every backend call for this person
 * carries (the backend decides what they may see), and which dealer cabinets and brand dashboards
 * this session may open and whose alerts it may handle. Every view asks before it shows or
 * subscribes to anything.
 */
public interface CurrentUser {

  /** The signed-in user's name; empty when nobody is signed in. */
  Optional<String> name();

  /**
   * What every backend call made for this person carries: their own token. Take it on the UI thread
   * (it is read from the signed-in session) and hand it to what runs later.
   */
  BackendCredential credential();

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
   * them: admins only. The backend masks them for everyone else already; views mask again, so a
   * comment is never shown whole to someone else by mistake.
   */
  boolean seesPersonalData();

  /** The dealers a dealer manager manages, sorted; empty for other roles. */
  SortedSet<String> ownDealers();

  /** Signs out and goes to the login view. */
  void signOut();
}
