; Inno Setup 6 script (compiled with ISCC 6.4.1) of the 年报助手 setup program: per-user install without admin rights.
;
;   ISCC /DAppVersion=0.1.0 installer\windows\nianbao.iss        (build.ps1 does this after PyInstaller)
;
; Input: the PyInstaller bundle dist\nianbao\ (override with /DBundleDir=...). Output: dist\nianbao-setup-<version>.exe.
; Where things go (PrivilegesRequired=lowest, so {autopf} is the user's own Programs folder):
;   program      %LOCALAPPDATA%\Programs\nianbao\            (replaced on upgrade, removed on uninstall)
;   shortcuts    the user's Start menu (and, if ticked, desktop)
;   .nianbao     HKCU\Software\Classes (no admin rights needed)
;   drafts       wherever the clerk saves them; recovery copies in %LOCALAPPDATA%\nianbao (platformdirs),
;                never inside the program folder, and never removed by the uninstaller.

#define AppName "年报助手"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\nianbao"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef DefaultDir
  ; Per user (PrivilegesRequired=lowest): %LOCALAPPDATA%\Programs\nianbao. test-under-wine.sh passes
  ; /DDefaultDir={localappdata}\Programs\nianbao, the same folder, because Wine 8 cannot expand {autopf} per user.
  #define DefaultDir "{autopf}\nianbao"
#endif
#ifndef Compression
  ; test-under-wine.sh compiles its install-test copy with lzma2/fast (same files, a quicker build)
  #define Compression "lzma2/max"
#endif
#define AppExe "nianbao.exe"
#define ProgId "nianbao.draft"

[Setup]
; Fixed for ever: upgrades find and replace the installed version through it.
AppId={{6F1C2B7E-3A9D-4E5B-8C41-9D2E7A0B5F13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
DefaultDirName={#DefaultDir}
UsePreviousAppDir=yes
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; The program holds this mutex while it runs (installer\entry.py): setup and uninstall refuse until it is closed.
AppMutex=nianbao-running
SetupMutex=nianbao-setup
CloseApplications=no
ChangesAssociations=yes
SetupIconFile=..\..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=nianbao-setup-{#AppVersion}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; Kept in the repository next to this script (the compiler's own Languages folder is not needed).
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the previous version's program files, so no stale library survives.
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\{#AppExe}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; Double-clicking a .nianbao draft opens it: per-user file association (HKCU, no admin rights).
Root: HKCU; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "年报草稿"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; WorkingDir: "{userdocs}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder (anything the program might have left in it); the clerk's drafts are never here.
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
