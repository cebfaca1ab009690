// permaudit test fixture: values the static reader cannot know.
include(":app", ":${System.getenv("EXTRA") ?: "none"}")
