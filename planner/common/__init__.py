"""What several pages share: sign-in and roles (auth), the engine and project picker (services), the
page helper every staff page starts with (page), the tappable plan picture and cached option views."""
