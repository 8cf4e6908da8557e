; Inno Setup 6 script: a per-machine installer (EXE) for the frozen Windows build.
;
;   pyinstaller --noconfirm build.spec            -> dist\protocol-desk\ (run on Windows)
;   iscc /DAppVersion=0.1.0 packaging\windows\protocol-desk.iss
;                                                 -> dist\protocol-desk-0.1.0-setup.exe
;
; Silent install:   protocol-desk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\pd-setup.log"
; Silent uninstall: "C:\Program Files\Protocol Desk\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; An upgrade is the newer installer run the same way: it replaces the program folder and keeps the
; site file. Built and tested only by .github/workflows/installers.yml on a Windows runner; see
; docs/deploy.md for what has and has not been run.

#ifndef AppVersion
  #error Pass the version from app/__init__.py: iscc /DAppVersion=X.Y.Z
#endif
#define AppName "Protocol Desk"
#define AppId "protocol-desk"
#define SourceDir "..\..\dist\protocol-desk"

[Setup]
; Never change AppId: Windows finds the installed copy (for upgrades and removal) by it.
AppId={{6B1E9C2F-3D47-4E8A-9A51-2C7F0D4B8E13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppId}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\protocol-desk.ico
UninstallDisplayIcon={app}\{#AppId}-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closing a running copy is needed to replace its files during an upgrade.
CloseApplications=yes
RestartApplications=no

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The example site file: written once, never overwritten by an upgrade, left behind on uninstall
; (it is the site's configuration, like the user's own data).
Source: "..\site.toml"; DestDir: "{commonappdata}\{#AppName}"; DestName: "site.toml"; Flags: onlyifdoesntexist uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppId}-gui.exe"; AppUserModelID: "{#AppId}"

[UninstallDelete]
; Only the program folder: user data lives in each user's profile and is kept.
Type: dirifempty; Name: "{app}"
