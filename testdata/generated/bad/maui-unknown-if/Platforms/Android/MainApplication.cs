using Android.App;

#if USE_CAMERA
[assembly: UsesPermission(Android.Manifest.Permission.Camera)]
#endif
