using Android.App;
using Android.Runtime;

// Written for permaudit: every attribute form the .NET Android build accepts.
[assembly: UsesPermission(Android.Manifest.Permission.Camera)]
[assembly: UsesPermission("android.permission.POST_NOTIFICATIONS")]
[assembly: UsesPermission(Name = "android.permission.READ_EXTERNAL_STORAGE", MaxSdkVersion = 32)]
[assembly: UsesPermission(Manifest.Permission.Vibrate), UsesPermission(Manifest.Permission.WakeLock)]
// [assembly: UsesPermission(Manifest.Permission.ReadContacts)]
/* [assembly: UsesPermission(Manifest.Permission.ReadSms)] */
#if DEBUG
[assembly: UsesPermission(Manifest.Permission.ReadLogs)]
#else
[assembly: UsesPermission(Manifest.Permission.AccessWifiState)]
#endif

namespace MauiApp;

[Application]
public class MainApplication : MauiApplication
{
    const string Note = "[assembly: UsesPermission(\"android.permission.SEND_SMS\")]";
}
