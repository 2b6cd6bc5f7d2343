"""The pages in Chromium: valid HTML, accessibility, console errors, screenshots."""
