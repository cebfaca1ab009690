// permaudit test fixture: an application id and a placeholder computed at build time.
plugins {
    id("com.android.application")
}

fun flavorId() = System.getenv("APP_ID") ?: "com.example.computed"

android {
    namespace = "com.example.computed"
    defaultConfig {
        applicationId = flavorId()
        manifestPlaceholders["channel"] = providers.gradleProperty("channel").get()
    }
}
